/** The theme variables and body class VS Code's Dark Modern theme gives a webview, as a script run before the page's own. */
export const VSCODE_DARK = `document.addEventListener('DOMContentLoaded', function () {
  document.body.classList.add('vscode-dark');
  var vars = { 'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', 'font-family': 'system-ui, sans-serif', 'font-size': '13px',
    'textLink-foreground': '#4daafc', 'errorForeground': '#f85149', 'editorWarning-foreground': '#cca700', 'badge-background': '#616161',
    'badge-foreground': '#f8f8f8', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'editorWidget-background': '#202020',
    'panel-border': '#2b2b2b', 'descriptionForeground': '#9d9d9d', 'textCodeBlock-background': '#2b2b2b', 'list-hoverBackground': '#2a2d2e' };
  for (var k in vars) document.documentElement.style.setProperty('--vscode-' + k, vars[k]);
});`;
