import Link from "next/link";
import type { Principal } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { visible } from "@/lib/text/visible";

const link = "inline-flex h-11 items-center rounded-lg px-3 hover:bg-(--color-line)/50";

/** Links a logged-in user has; a "Log in" link for anonymous visitors. */
export function UserMenu({ user }: { user: Principal }) {
  if (!user)
    return (
      <Link prefetch={false} href="/login" className={link}>
        Log in
      </Link>
    );
  return (
    <>
      {can(user, "jobs:read") && (
        <Link prefetch={false} href="/jobs" className={link}>
          Jobs
        </Link>
      )}
      {can(user, "jobs:read") && (
        <Link prefetch={false} href="/journal" className={link}>
          Journal
        </Link>
      )}
      {can(user, "audit:read") && (
        <Link prefetch={false} href="/audit" className={link}>
          Audit
        </Link>
      )}
      {can(user, "users:manage") && (
        <Link prefetch={false} href="/users" className={link}>
          Users
        </Link>
      )}
      {can(user, "notify:manage") && (
        <Link prefetch={false} href="/settings/notifications" className={link}>
          Notifications
        </Link>
      )}
      <Link prefetch={false} href="/account" className={link} data-testid="user-menu">
        {visible(user.name)} <span className="ml-1 text-xs text-(--color-muted)">({user.role})</span>
      </Link>
    </>
  );
}
