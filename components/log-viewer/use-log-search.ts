"use client";
// The log viewer's search: the query (text or regular expression), filter mode, the visible lines
// and the matches among them (kept current as lines arrive), the current match and the counter.
import { useMemo, useState } from "react";
import type { LineStore } from "./line-store";
import { compileQuery, type Matches } from "./search";
import { ViewIndex } from "./view-index";

export type LogSearch = {
  query: string;
  setQuery: (q: string) => void;
  regex: boolean;
  setRegex: (v: boolean) => void;
  filter: boolean;
  setFilter: (v: boolean) => void;
  /** The compiled query; null when there is none or it does not compile. */
  re: RegExp | null;
  error: string | null;
  /** The lines shown, as store indices (only the matching ones in filter mode). */
  shown: Int32Array;
  matches: Matches;
  /** The match the reader stepped to (-1: none yet). */
  current: number;
  setCurrent: (k: number) => void;
  counter: string;
};

export function useLogSearch(store: LineStore): LogSearch {
  const [query, setQueryState] = useState("");
  const [regex, setRegexState] = useState(false);
  const [filter, setFilter] = useState(false);
  const [current, setCurrent] = useState(-1);
  const [index] = useState(() => new ViewIndex());
  const compiled = useMemo(() => compileQuery({ text: query, regex, caseSensitive: false }), [query, regex]);
  const re = compiled instanceof RegExp ? compiled : null;
  const error = compiled !== null && !(compiled instanceof RegExp) ? compiled.error : null;
  const view = index.view(store, re, `${query}\u0000${regex}`);
  const { matches } = view;
  // A new query starts counting from its first match again.
  const setQuery = (q: string) => {
    setQueryState(q);
    setCurrent(-1);
  };
  const setRegex = (v: boolean) => {
    setRegexState(v);
    setCurrent(-1);
  };
  const more = matches.truncated ? "+" : "";
  const counter =
    matches.count === 0
      ? query && error === null
        ? "0 matches"
        : ""
      : current >= 0
        ? `${current + 1} of ${matches.count}${more}`
        : `${matches.count}${more} matches`;
  return {
    query,
    setQuery,
    regex,
    setRegex,
    filter,
    setFilter,
    re,
    error,
    shown: filter && re ? view.matched : view.visible,
    matches,
    current,
    setCurrent,
    counter,
  };
}
