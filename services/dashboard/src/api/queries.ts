/** React Query hooks for every gateway endpoint the dashboard reads or changes. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useFeedSource } from "../feed/context";
import { request, send } from "./client";
import type {
  CandidateList,
  MessageReply,
  MonitoringList,
  MonitoringUpdate,
  NextPort,
  PortHealthReport,
  PortHistory,
  ScalingCreated,
  ScalingRemoved,
  ScalingStatus,
  SystemInfo,
} from "./types";

/** Query keys, one per endpoint, so feed events can invalidate exactly what they change. */
export const keys = {
  system: ["system"] as const,
  scalingStatus: ["scaling-status"] as const,
  candidates: ["scaling-candidates"] as const,
  portHealth: ["port-health"] as const,
  monitoring: ["port-monitoring"] as const,
  nextPort: (base: number) => ["next-port", base] as const,
  nextPortAll: ["next-port"] as const,
  history: (port: number) => ["port-history", port] as const,
};

// without the live feed, REST is polled so figures still move; with it, the feed keeps them
export const FALLBACK_POLL_MS = 10_000;

export function useSystemInfo() {
  return useQuery({ queryKey: keys.system, queryFn: () => request<SystemInfo>("/") });
}

/** The scaling status: seeded by the feed's snapshot (so not fetched while it is awaited). */
export function useScalingStatus() {
  const source = useFeedSource();
  return useQuery({
    queryKey: keys.scalingStatus,
    queryFn: () => request<ScalingStatus>("/scaling/status"),
    enabled: source !== "waiting",
    refetchInterval: source === "rest" ? FALLBACK_POLL_MS : false,
  });
}

export function useCandidates() {
  return useQuery({
    queryKey: keys.candidates,
    queryFn: () => request<CandidateList>("/scaling-candidates"),
  });
}

/** Every port's health over REST, polled: the fallback while the live feed supplies none. */
export function usePortHealth(enabled = true) {
  return useQuery({
    queryKey: keys.portHealth,
    queryFn: () => request<PortHealthReport>("/port-health"),
    enabled,
    refetchInterval: enabled ? FALLBACK_POLL_MS : false,
  });
}

export function useMonitoring(enabled = true) {
  return useQuery({
    queryKey: keys.monitoring,
    queryFn: () => request<MonitoringList>("/port-monitoring"),
    enabled,
  });
}

export function useNextPort(base: number | null) {
  return useQuery({
    queryKey: keys.nextPort(base ?? 0),
    queryFn: () => request<NextPort>(`/scaling/next-port/${base}`),
    enabled: base !== null,
    retry: false,
  });
}

/** Probe history of one port since `sinceIso`, refreshed while it is on screen. */
export function usePortHistory(port: number | null, sinceIso: string) {
  const query = new URLSearchParams({ since: sinceIso });
  return useQuery({
    queryKey: keys.history(port ?? 0),
    queryFn: () => request<PortHistory>(`/port-health/${port}/history?${query}`),
    enabled: port !== null,
    retry: false,
    refetchInterval: FALLBACK_POLL_MS,
  });
}

/** Invalidates every query a scaling or monitoring change can touch. */
export function useInvalidateConfig() {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [keys.scalingStatus, keys.candidates, keys.portHealth, keys.monitoring, keys.nextPortAll].map(
        (queryKey) => client.invalidateQueries({ queryKey }),
      ),
    );
}

export function useCreatePort() {
  const invalidate = useInvalidateConfig();
  return useMutation({
    mutationFn: (port: number) => send<ScalingCreated>("POST", `/scaling/create/${port}`),
    onSettled: invalidate,
  });
}

export function useRemovePort() {
  const invalidate = useInvalidateConfig();
  return useMutation({
    mutationFn: (port: number) => send<ScalingRemoved>("DELETE", `/scaling/remove/${port}`),
    onSettled: invalidate,
  });
}

export function useUpdateMonitoring() {
  const invalidate = useInvalidateConfig();
  return useMutation({
    mutationFn: ({ port, settings }: { port: number; settings: MonitoringUpdate }) =>
      send<MessageReply>("PUT", `/port-monitoring/${port}`, { port, ...settings }),
    onSuccess: invalidate,
  });
}

export function useProberRefresh() {
  return useMutation({
    mutationFn: () => send<MessageReply>("POST", "/port-health/refresh"),
  });
}
