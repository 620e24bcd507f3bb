import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="text-sm text-muted-fg">Your role does not allow this page. Ask an admin if you need it.</p>
      <Link href="/migrations" className="text-sm text-primary underline">Back to migrations</Link>
    </main>
  );
}
