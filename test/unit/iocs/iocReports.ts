import { cleanReportText } from '../../helpers';

/** The clean seed with these lines as its Indicators of Compromise, and the Affected Organization given. */
export function reportWithIocs(lines: readonly string[], organization = 'Microsoft (M365 / Azure AD Services)'): string {
  const text = cleanReportText().replace('- **Affected Organization:** Microsoft (M365 / Azure AD Services)', `- **Affected Organization:** ${organization}`);
  const start = text.indexOf('## Indicators of Compromise');
  const end = text.indexOf('## Response Actions');
  return `${text.slice(0, start)}## Indicators of Compromise\n${lines.join('\n')}\n${text.slice(end)}`;
}
