// The Nix expression that reads a services.homepage-dashboard module on its own (homepage-nix.ts
// runs it with nix-instantiate --eval --strict --json --argstr file PATH). A NixOS module is a
// function of { config, lib, pkgs, ... }; outside a NixOS evaluation there is no config or pkgs,
// so the module gets stand-ins: `lib` is builtins plus the few lib functions such modules use
// (mkIf, mkMerge, mkForce/mkDefault/mkOverride, mkBefore/mkAfter, mapAttrsToList, optionals, ...),
// while `config`, `pkgs`, `options`, `lib.types` and any other argument throw "panel-import: X is
// not available" when used. Its definitions of services.homepage-dashboard.services, .bookmarks and
// .widgets are collected (with `imports` followed), mkIf/mkMerge/overrides pushed down the way the
// module system does for list options (highest priority wins, definitions concatenated in mkOrder
// order). A file that is just `{ services = [ ... ]; bookmarks = [ ... ]; }` is read as it is.
// Parse-checked by homepage-nix.test.ts.

export const HOMEPAGE_MODULE_EXPRESSION = `{ file }:
let
  b = builtins;
  unavailable = what: throw "panel-import: \${what} is not available when a .nix file is read on its own";
  lib = b // rec {
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkMerge = contents: { _type = "merge"; inherit contents; };
    mkOverride = priority: content: { _type = "override"; inherit priority content; };
    mkForce = mkOverride 50;
    mkDefault = mkOverride 1000;
    mkOptionDefault = mkOverride 1500;
    mkOrder = priority: content: { _type = "order"; inherit priority content; };
    mkBefore = mkOrder 500;
    mkAfter = mkOrder 1500;
    mkOption = attrs: attrs // { _type = "option"; };
    mkEnableOption = name: mkOption { default = false; description = name; };
    mkPackageOption = _: name: _: mkOption { description = name; };
    types = unavailable "lib.types";
    id = x: x;
    const = x: _: x;
    optional = c: x: if c then [ x ] else [ ];
    optionals = c: xs: if c then xs else [ ];
    optionalAttrs = c: a: if c then a else { };
    optionalString = c: s: if c then s else "";
    singleton = x: [ x ];
    nameValuePair = name: value: { inherit name value; };
    mapAttrsToList = f: a: map (n: f n a.\${n}) (b.attrNames a);
    mapAttrs' = f: a: b.listToAttrs (mapAttrsToList f a);
    filterAttrs = p: a: b.listToAttrs (b.concatMap (n: if p n a.\${n} then [ (nameValuePair n a.\${n}) ] else [ ]) (b.attrNames a));
    genAttrs = names: f: b.listToAttrs (map (n: nameValuePair n (f n)) names);
    recursiveUpdate = l: r: l // b.mapAttrs (n: v: if b.isAttrs v && b.isAttrs (l.\${n} or null) then recursiveUpdate l.\${n} v else v) r;
    foldl = b.foldl';
    foldr = f: z: l: b.foldl' (acc: x: f x acc) z (lib.reverseList l);
    reverseList = l: b.genList (i: b.elemAt l (b.length l - 1 - i)) (b.length l);
    flatten = x: if b.isList x then b.concatMap flatten x else [ x ];
    unique = b.foldl' (acc: x: if b.elem x acc then acc else acc ++ [ x ]) [ ];
    imap0 = f: l: b.genList (i: f i (b.elemAt l i)) (b.length l);
    imap1 = f: l: b.genList (i: f (i + 1) (b.elemAt l i)) (b.length l);
    concatStrings = b.concatStringsSep "";
    concatMapStrings = f: l: b.concatStringsSep "" (map f l);
    concatMapStringsSep = sep: f: l: b.concatStringsSep sep (map f l);
    hasPrefix = p: s: b.substring 0 (b.stringLength p) s == p;
    hasSuffix = x: s: let n = b.stringLength s; m = b.stringLength x; in m <= n && b.substring (n - m) m s == x;
    removePrefix = p: s: if hasPrefix p s then b.substring (b.stringLength p) (-1) s else s;
    removeSuffix = x: s: if hasSuffix x s then b.substring 0 (b.stringLength s - b.stringLength x) s else s;
    toLower = b.replaceStrings upper lower;
    toUpper = b.replaceStrings lower upper;
    lower = b.genList (i: b.substring i 1 "abcdefghijklmnopqrstuvwxyz") 26;
    upper = b.genList (i: b.substring i 1 "ABCDEFGHIJKLMNOPQRSTUVWXYZ") 26;
    attrsets = lib; lists = lib; strings = lib; trivial = lib; modules = lib;
  };
  given = { inherit lib; config = unavailable "config"; pkgs = unavailable "pkgs"; options = unavailable "options"; };
  call = f:
    let args = b.functionArgs f;
    in f (if args == { } then given else b.mapAttrs (n: _: given.\${n} or (unavailable n)) (lib.filterAttrs (n: hasDefault: given ? \${n} || !hasDefault) args));
  load = m: let v = if b.isPath m || b.isString m then import m else m; in if b.isFunction v then call v else v;
  # A module's definitions (its own and those of the files it imports), with mkIf/mkMerge/... pushed down to the given path.
  defsAt = path: prio: order: v:
    if b.isAttrs v && (v._type or "") == "if" then (if v.condition then defsAt path prio order v.content else [ ])
    else if b.isAttrs v && (v._type or "") == "merge" then b.concatMap (defsAt path prio order) v.contents
    else if b.isAttrs v && (v._type or "") == "override" then defsAt path v.priority order v.content
    else if b.isAttrs v && (v._type or "") == "order" then defsAt path prio v.priority v.content
    else if path == [ ] then [ { inherit prio order; value = v; } ]
    else if b.isAttrs v && v ? \${b.head path} then defsAt (b.tail path) prio order v.\${b.head path}
    else [ ];
  moduleDefs = path: m:
    let
      r = load m;
      own = if r ? config || r ? options then r.config or { } else removeAttrs r [ "imports" "_file" "key" "disabledModules" "meta" ];
    in defsAt path 100 1000 own ++ b.concatMap (moduleDefs path) (r.imports or [ ]);
  # Nested mkIf/mkOverride/... inside a value (rare) resolved the simple way.
  clean = v:
    if b.isAttrs v && (v._type or "") == "if" then (if v.condition then clean v.content else null)
    else if b.isAttrs v && b.elem (v._type or "") [ "override" "order" ] then clean v.content
    else if b.isAttrs v && (v._type or "") == "merge" then clean (b.foldl' lib.recursiveUpdate { } v.contents)
    else if b.isAttrs v then b.mapAttrs (_: clean) v
    else if b.isList v then map clean v
    else v;
  option = root: name:
    let
      defs = moduleDefs [ "services" "homepage-dashboard" name ] root;
      best = b.foldl' (m: d: if d.prio < m then d.prio else m) 9999 defs;
      kept = b.sort (x: y: x.order < y.order) (b.filter (d: d.prio == best) defs);
      asList = v: if b.isList v then v else throw "panel-import: services.homepage-dashboard.\${name} is a \${b.typeOf v}, not the list of groups Homepage reads ([ { Group = [ { Service = { href = ...; }; } ]; } ])";
    in { found = defs != [ ]; value = b.concatMap (d: asList (clean d.value)) kept; };
  root = /. + file;
  s = option root "services";
  k = option root "bookmarks";
  w = option root "widgets";
  # A file that is just the option's value: { services = [ ... ]; bookmarks = [ ... ]; }
  bare = let r = load root; in if b.isAttrs r && (b.isList (r.services or null) || b.isList (r.bookmarks or null)) then r else null;
in
if s.found || k.found || w.found then {
  found = true;
  services = s.value;
  bookmarks = k.value;
  widgets = w.value;
} else if bare != null then {
  found = true;
  services = clean (bare.services or [ ]);
  bookmarks = clean (bare.bookmarks or [ ]);
  widgets = clean (bare.widgets or [ ]);
} else { found = false; services = [ ]; bookmarks = [ ]; widgets = [ ]; }
`;
