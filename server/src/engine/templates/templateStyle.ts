/**
 * How a new report and the section snippets write the sections whose schema accepts a table
 * (`x-dialects`): `bullets` (`- **Key:** value` rows, `###` timeline phases) or `tables`. Chosen by
 * `templates.style` in `.increport.yaml`, else the editor's `incidentReport.templateStyle` setting.
 */
export const TEMPLATE_STYLES = ['bullets', 'tables'] as const;

export type TemplateStyle = (typeof TEMPLATE_STYLES)[number];

export const DEFAULT_TEMPLATE_STYLE: TemplateStyle = 'bullets';

/** The style a configuration chooses (`templates.style`, else the editor's setting); bullets when none does or there is none. */
export function templateStyleOf(config: { templates: { style?: TemplateStyle } } | undefined): TemplateStyle {
  return config?.templates.style ?? DEFAULT_TEMPLATE_STYLE;
}
