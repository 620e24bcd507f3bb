"use client";
import { createContext, useContext } from "react";
import { DEFAULT_TIME_ZONE } from "@/lib/time/time-zone";

const TimeZoneContext = createContext(DEFAULT_TIME_ZONE);

/** The signed-in user's zone, for every timestamp below it (server render and hydration agree on it). */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}
