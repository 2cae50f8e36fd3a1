// Transport icons, drawn small and in currentColor so they follow the theme and the button state.
const box = { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': true } as const;

export function PlayIcon() {
  return (
    <svg {...box}>
      <path d="M3 1.5v9l7.5-4.5z" fill="currentColor" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg {...box}>
      <path d="M2.5 1.5h2.5v9H2.5zM7 1.5h2.5v9H7z" fill="currentColor" />
    </svg>
  );
}

export function StepForwardIcon() {
  return (
    <svg {...box}>
      <path d="M2 1.5v9l6-4.5z M8.5 1.5h1.5v9H8.5z" fill="currentColor" />
    </svg>
  );
}

export function StepBackIcon() {
  return (
    <svg {...box}>
      <path d="M10 1.5v9l-6-4.5z M2 1.5h1.5v9H2z" fill="currentColor" />
    </svg>
  );
}

/** A circular arrow around a play mark: "play this run again". */
export function ReplayIcon() {
  return (
    <svg {...box}>
      <path d="M6 1a5 5 0 1 1-4.6 3H3a3.5 3.5 0 1 0 3-1.5V4L3.5 2 6 0z" fill="currentColor" />
      <path d="M5 4.5v3.5l3-1.75z" fill="currentColor" />
    </svg>
  );
}
