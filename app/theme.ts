import { cookies } from "next/headers";

export async function currentTheme(): Promise<"light" | "dark"> {
  return (await cookies()).get("ferry_theme")?.value === "dark" ? "dark" : "light";
}
