"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./ui/cn";

const ITEMS = [
  { href: "/migrations", label: "Migrations" },
  { href: "/endpoints", label: "Endpoints" },
  { href: "/settings", label: "Settings" },
];

export function SidebarNav() {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {ITEMS.map((item) => {
        const active = path === item.href || path.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn("rounded-md px-3 py-2 text-sm", active ? "bg-muted font-medium" : "text-muted-fg hover:bg-muted hover:text-fg")}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
