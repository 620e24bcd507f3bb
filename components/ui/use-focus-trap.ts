"use client";
import { useEffect, type RefObject } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside `box` while it is open, closes on Escape, and gives focus back
 * to `returnTo` (the button that opened the dialog; by the time this runs, focus has already moved).
 */
export function useFocusTrap(box: RefObject<HTMLElement | null>, open: boolean, onEscape: () => void, returnTo: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const el = box.current;
    const back = returnTo.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onEscape();
        return;
      }
      if (e.key !== "Tab") return;
      const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || !el.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !el.contains(document.activeElement))) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      // After React re-enables the opener in the same commit that closes the dialog.
      setTimeout(() => back?.focus(), 0);
    };
  }, [box, open, onEscape, returnTo]);
}
