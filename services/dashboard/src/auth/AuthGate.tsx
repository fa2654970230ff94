/** Shows the sign-in page until the gateway knows the user, and again when it forgets them. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

import { ApiError } from "../api/client";
import { fetchMe, isSessionData, meKey, signOut, type Me } from "./api";
import { SignInPage } from "./SignInPage";

interface Auth {
  me: Me;
  signOut: () => Promise<void>;
  /** shows the sign-in page, for a visitor the gateway lets read anonymously. */
  signIn: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** The signed-in user and a sign-out action; null outside the gate (tests of parts). */
export function useAuth(): Auth | null {
  return useContext(AuthContext);
}

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: meKey, queryFn: fetchMe, retry: false, staleTime: Infinity });
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    // any 401 means the session ended (expired, signed out elsewhere): ask who we are again
    const recheck = (error: unknown) => {
      if (isUnauthorized(error)) void client.invalidateQueries({ queryKey: meKey });
    };
    const queries = client.getQueryCache().subscribe((event) => {
      // the "me" query's own 401 is the answer, not a reason to ask again
      if (event.type !== "updated" || !isSessionData(event.query)) return;
      if (event.action.type === "error") recheck(event.action.error);
    });
    const mutations = client.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") recheck(event.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [client]);

  const done = () => setAsking(false);
  if (me.isPending) return <p className="auth-wait">Checking your sign-in…</p>;
  if (me.isError) {
    const problem = isUnauthorized(me.error) ? undefined : me.error.message;
    return <SignInPage problem={problem} onSignedIn={done} />;
  }
  if (asking) return <SignInPage onSignedIn={done} />;

  const leave = async () => {
    await signOut().catch(() => undefined);
    client.removeQueries({ predicate: isSessionData });
    await client.invalidateQueries({ queryKey: meKey });
  };
  const value = { me: me.data, signOut: leave, signIn: () => setAsking(true) };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
