/** The feed's socket, opened as this module is evaluated: the first thing the page does. */
import { openFeedEarly } from "./early";

export const bootFeed = openFeedEarly();
