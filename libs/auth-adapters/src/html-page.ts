/** A plain page: a title and a few paragraphs of text (escaped; no scripts, no external assets). */
export interface HtmlPage {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` safe inside HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Renders `page` as a small self-contained HTML document. */
export function renderHtmlPage(page: HtmlPage): string {
  const paragraphs = page.paragraphs.map((text) => `    <p>${escapeHtml(text)}</p>`).join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8">',
    '    <meta name="viewport" content="width=device-width, initial-scale=1">',
    '    <meta name="referrer" content="no-referrer">',
    `    <title>${escapeHtml(page.title)}</title>`,
    '    <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>',
    '  </head>',
    '  <body>',
    `    <h1>${escapeHtml(page.title)}</h1>`,
    paragraphs,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}
