declare module 'rdf-canonize' {
  export function canonize(input: unknown, options: { algorithm: 'RDFC-1.0'; format?: 'application/n-quads'; [option: string]: unknown }): Promise<string>;
  export const NQuads: {
    serializeQuad(quad: unknown): string;
  };
}
