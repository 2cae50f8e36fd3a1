/// <reference types="vite/client" />
// Lets the renderer import CSS and use import.meta.glob (Vite features) under tsc.
