"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { postJson } from "@/components/auth/post-json";

export function LogoutButtons() {
  const [pending, setPending] = useState(false);
  const out = async (url: string) => {
    setPending(true);
    await postJson(url, {});
    window.location.assign("/login");
  };
  return (
    <div className="flex flex-wrap gap-3">
      <Button onClick={() => out("/api/auth/logout")} disabled={pending}>
        Log out
      </Button>
      <Button variant="danger" onClick={() => out("/api/auth/logout-all")} disabled={pending}>
        Log out everywhere
      </Button>
    </div>
  );
}
