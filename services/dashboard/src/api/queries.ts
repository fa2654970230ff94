/** React Query hooks for every gateway endpoint the dashboard reads or changes. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

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

export function useScalingStatus(poll = false) {
  return useQuery({
    queryKey: keys.scalingStatus,
    queryFn: () => request<ScalingStatus>("/scaling/status"),
    refetchInterval: poll ? FALLBACK_POLL_MS : false,
  });
}

export function useCandidates() {
  return useQuery({
    queryKey: keys.candidates,
    queryFn: () => request<CandidateList>("/scaling-candidates"),
  });
}

export function usePortHealth(poll = false) {
  return useQuery({
    queryKey: keys.portHealth,
    queryFn: () => request<PortHealthReport>("/port-health"),
    refetchInterval: poll ? FALLBACK_POLL_MS : false,
  });
}

export function useMonitoring() {
  return useQuery({
    queryKey: keys.monitoring,
    queryFn: () => request<MonitoringList>("/port-monitoring"),
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
