/** The console's header: name, truthful status badges, and the Refresh action with its result. */
import { useQueryClient } from "@tanstack/react-query";

import { errorText } from "../api/client";
import { useProberRefresh } from "../api/queries";
import { useAuth } from "../auth/AuthGate";
import { useFeed } from "../feed/context";
import { usePorts } from "../health/usePorts";
import { HealthBadge, RealTimeBadge } from "./HeaderBadges";
import { Notice } from "./Notice";

export function Header() {
  const feed = useFeed();
  const { ports, mode } = usePorts();
  const client = useQueryClient();
  const refresh = useProberRefresh();
  const auth = useAuth();

  const onRefresh = () => {
    void client.invalidateQueries();
    refresh.mutate();
  };

  return (
    <header className="header">
      <div className="header__row">
        <div className="header__brand">
          <h1 className="header__title">Conductor</h1>
          <p className="header__subtitle">ParcoRTLS scaling management</p>
        </div>
        <div className="header__status">
          <RealTimeBadge connection={feed.connection} />
          <HealthBadge ports={ports} mode={mode} />
          {auth && <UserMenu {...auth} />}
        </div>
        <button
          type="button"
          className="btn btn--primary header__refresh"
          onClick={onRefresh}
          disabled={refresh.isPending}
        >
          {refresh.isPending ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {!refresh.isIdle && !refresh.isPending && (
        <div className="header__notice">
          {refresh.isError ? (
            <Notice tone="warn">
              Data reloaded, but the prober was not refreshed: {errorText(refresh.error)}
            </Notice>
          ) : (
            <Notice tone="success">Data reloaded. {refresh.data?.message}</Notice>
          )}
          <button
            type="button"
            className="btn btn--small btn--ghost"
            onClick={() => refresh.reset()}
          >
            Dismiss
          </button>
        </div>
      )}
    </header>
  );
}

/** Who is signed in, and the way out; or, for an anonymous reader, the way in. */
function UserMenu({ me, signIn, signOut }: NonNullable<ReturnType<typeof useAuth>>) {
  const signedIn = me.role !== null;
  return (
    <span className="header__user" data-testid="header-user">
      {signedIn ? `${me.name} (${me.role})` : "Not signed in"}
      <button
        type="button"
        className="btn btn--small btn--ghost"
        onClick={() => (signedIn ? void signOut() : signIn())}
      >
        {signedIn ? "Sign out" : "Sign in"}
      </button>
    </span>
  );
}
