import { requireUser } from "@/lib/actions/current-user";
import { SidebarNav } from "@/components/sidebar-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { ThemeToggle } from "@/components/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { QueryProvider } from "@/components/query-provider";
import { TimeZoneProvider } from "@/components/time/time-zone-context";
import { DEFAULT_TIME_ZONE } from "@/lib/time/time-zone";
import { currentTheme } from "../theme";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const theme = await currentTheme();
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 border-r border-border bg-card p-4">
        <p className="mb-6 px-3 text-lg font-semibold tracking-tight">Ferry</p>
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-border bg-card px-6">
          <ThemeToggle initial={theme} />
          <span className="text-sm" data-testid="signed-in-as">
            {user.name} <span className="text-muted-fg">({user.email})</span>
          </span>
          <Badge tone={user.role === "admin" ? "info" : "neutral"}>{user.role}</Badge>
          <SignOutButton />
        </header>
        <main className="flex-1 p-6"><TimeZoneProvider timeZone={user.timeZone ?? DEFAULT_TIME_ZONE}><QueryProvider>{children}</QueryProvider></TimeZoneProvider></main>
      </div>
    </div>
  );
}
