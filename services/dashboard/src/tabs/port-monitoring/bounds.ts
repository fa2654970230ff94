/** The bounds of each numeric monitoring setting, read from the gateway's OpenAPI schema. */
import { useQuery } from "@tanstack/react-query";

export type NumericSetting = "monitor_interval" | "monitor_timeout" | "monitor_threshold";
export type Bounds = Partial<Record<NumericSetting, { min?: number; max?: number }>>;

const OPENAPI_URL = "/api/docs/openapi.json";

interface SchemaProperty {
  minimum?: number;
  maximum?: number;
}

/** Pulls the bounds out of an OpenAPI document; empty when it does not describe them. */
export function boundsFromOpenApi(document: unknown): Bounds {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } })?.components
    ?.schemas;
  const body = schemas?.MonitoringBody as
    { properties?: Record<string, SchemaProperty> } | undefined;
  const bounds: Bounds = {};
  for (const name of ["monitor_interval", "monitor_timeout", "monitor_threshold"] as const) {
    const property = body?.properties?.[name];
    if (property) bounds[name] = { min: property.minimum, max: property.maximum };
  }
  return bounds;
}

/** The bounds the gateway publishes; the form works without them (the server still checks). */
export function useSettingBounds(): Bounds {
  const query = useQuery({
    queryKey: ["openapi-bounds"],
    queryFn: async () => {
      const response = await fetch(OPENAPI_URL, { headers: { Accept: "application/json" } });
      return response.ok ? boundsFromOpenApi(await response.json()) : {};
    },
    staleTime: Infinity,
    retry: false,
  });
  return query.data ?? {};
}
