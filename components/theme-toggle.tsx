"use client";
import { useState } from "react";
import { Button } from "./ui/button";

export const THEME_COOKIE = "ferry_theme";

/** Flips light/dark at once and remembers the choice in a cookie the server reads on next render. */
export function ThemeToggle({ initial }: { initial: "light" | "dark" }) {
  const [theme, setTheme] = useState(initial);
  function flip() {
    const next = theme === "dark" ? "light" : "dark";
    document.documentElement.classList.toggle("dark", next === "dark");
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }
  return (
    <Button variant="ghost" onClick={flip} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`} className="px-2">
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </Button>
  );
}
