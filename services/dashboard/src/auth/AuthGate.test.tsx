import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { fakeGateway } from "../test/render";
import { AuthGate } from "./AuthGate";

const OPERATOR = { name: "ada", role: "operator", kind: "user", anonymous_read: false };

function renderGate() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuthGate>
        <p>the console</p>
      </AuthGate>
    </QueryClientProvider>,
  );
}

describe("AuthGate", () => {
  it("asks to sign in when the gateway answers 401, then shows the console", async () => {
    const user = userEvent.setup();
    let signedIn = false;
    const gateway = fakeGateway({
      "GET /api/auth/me": () =>
        signedIn ? { body: OPERATOR } : { status: 401, body: { detail: "Sign in." } },
      "POST /api/auth/sign-in": () => {
        signedIn = true;
        return { body: OPERATOR };
      },
    });
    renderGate();

    await user.type(await screen.findByLabelText("Name"), "ada");
    await user.type(screen.getByLabelText("Password"), "a long passphrase");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText("the console")).toBeInTheDocument();
    const sent = gateway.calls.find((call) => call.path === "/api/auth/sign-in");
    expect(sent?.body).toEqual({ name: "ada", password: "a long passphrase" });
  });

  it("shows the gateway's reason when the password is wrong", async () => {
    const user = userEvent.setup();
    fakeGateway({
      "GET /api/auth/me": { status: 401, body: { detail: "Sign in." } },
      "POST /api/auth/sign-in": {
        status: 401,
        body: { detail: "The name or the password is wrong." },
      },
    });
    renderGate();

    await user.type(await screen.findByLabelText("Name"), "ada");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The name or the password is wrong.",
    );
    expect(screen.queryByText("the console")).not.toBeInTheDocument();
  });
});
