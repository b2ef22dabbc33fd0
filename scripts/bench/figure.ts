/** One measured figure, as `npm run bench` prints it. Every bench module exports `bench(): Promise<Figure[]>`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}
