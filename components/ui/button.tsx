import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-(--color-accent) text-white border-transparent hover:opacity-90",
  secondary: "border-(--color-line) hover:border-(--color-accent)",
  danger: "border-(--color-down)/50 text-(--color-down) hover:bg-(--color-down) hover:text-white",
};

export const buttonClass = (variant: keyof typeof VARIANTS = "secondary") =>
  `inline-flex h-11 items-center justify-center gap-2 rounded-lg border px-4 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${VARIANTS[variant]}`;

export function Button({
  variant = "secondary",
  className = "",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return <button {...rest} className={`${buttonClass(variant)} ${className}`} />;
}
