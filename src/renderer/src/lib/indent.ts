// How deep a tree view indents before deeper rows stop moving right: a share of its width, so a
// 10,000-deep parent chain keeps its names on screen (the views then show the depth as a number
// instead). Shared by the waterfall's label column and the outline. Pure.

/** Indent levels that fit in `share` of a column `columnWidthPx` wide, at least one. */
export function maxIndentLevels(columnWidthPx: number, indentPx: number, share = 0.45): number {
  return Math.max(1, Math.floor((columnWidthPx * share) / indentPx));
}
