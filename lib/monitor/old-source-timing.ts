/** Write counts on the old source are compared across this window: long enough to catch a steady writer, short enough for a poll. */
export const WRITE_WINDOW_MS = 1_000;
/** How often the monitor page asks the old source again after cutover. */
export const OLD_SOURCE_POLL_MS = 10_000;
