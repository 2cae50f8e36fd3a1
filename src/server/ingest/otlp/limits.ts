// Caps on what one span may carry. Past them the rest is counted, not read, so a hostile or
// buggy sender cannot make one request cost unbounded CPU or memory; the count is kept on the
// span (`spyglass.otlp.capped_*` attributes) and the response carries a warning.
export const MAX_SPAN_ATTRIBUTES = 1024;
export const MAX_RESOURCE_ATTRIBUTES = 256;
export const MAX_EVENTS = 1024;
export const MAX_EVENT_ATTRIBUTES = 128;
export const MAX_LINKS = 128;
