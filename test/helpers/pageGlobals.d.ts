// Globals the UI exposes to tests and benches inside the page (read through page.evaluate).
import '../../src/renderer/src/components/canvas/debugHook.ts';
