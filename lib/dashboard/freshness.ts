// How long a change written by another process (the import CLI) may go unseen by the dashboard's
// caches (its inventory snapshot and the page cache); changes made in this process show at once.
export const OUTSIDE_CHANGE_MS = 15_000;
