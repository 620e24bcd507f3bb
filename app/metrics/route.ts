import { metricsResponse } from "@/lib/metrics/metrics-response";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => metricsResponse(request);
