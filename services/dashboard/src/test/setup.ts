/** Test set-up: jest-dom matchers, a clean DOM after each test, patient waits. */
import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy and waitFor give up after 1 s by default, which a busy two-core machine can overrun
// (role queries alone take hundreds of milliseconds in jsdom there)
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
