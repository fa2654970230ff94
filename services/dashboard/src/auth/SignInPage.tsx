/** The sign-in form: a name and a password, and the gateway's answer when it says no. */
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { errorText } from "../api/client";
import { Notice } from "../components/Notice";
import { isSessionData, meKey, signIn } from "./api";

interface Props {
  /** why the gateway could not say who we are, when it is not a plain 401. */
  problem?: string;
  onSignedIn: () => void;
}

export function SignInPage({ problem, onSignedIn }: Props) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(problem ?? null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(name, password);
      client.removeQueries({ predicate: isSessionData });
      client.setQueryData(meKey, me);
      onSignedIn();
    } catch (failure) {
      setError(errorText(failure));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="card sign-in__card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="sign-in__title">
          Conductor
        </h1>
        <p className="sign-in__subtitle">Sign in to manage ParcoRTLS scaling.</p>
        <label className="field">
          <span>Name</span>
          <input
            name="name"
            autoComplete="username"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
