// What the dashboard renders: plain data, safe to pass to client components.

export type TileData = {
  slug: string;
  name: string;
  group: string;
  icon: string;
  description: string;
  url: string | null;
  docsUrl: string | null;
  unit: string | null;
  machine: string | null;
  ports: string;
  hasCheck: boolean;
};

export type MachineCardData = {
  name: string;
  system: string;
  role: string;
  description: string;
  address: string | null;
  deployable: boolean;
  services: number;
};
