// Only web and mail links become anchors. markdown-it already refuses javascript:, vbscript:,
// file: and data: links; this is the renderer's own, narrower gate: a relative or custom-scheme
// link in an Electron window could navigate the app itself, so it stays text.
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}
