// PLOVER event types (CODEBOOK section 2) and the colour each is drawn in, on the map,
// the timeline and the table alike.
export const TYPE_COLOURS = {
  ASSAULT: "#d62728", COERCE: "#ff7f0e", PROTEST: "#bcbd22", MOBILIZE: "#8c564b",
  THREATEN: "#e377c2", SANCTION: "#7f7f7f", ACCUSE: "#9467bd", REJECT: "#c5b0d5",
  REQUEST: "#17becf", CONSULT: "#1f77b4", AGREE: "#2ca02c", CONCEDE: "#98df8a",
  RETREAT: "#ffbb78", SUPPORT: "#aec7e8", COOPERATE: "#9edae5", AID: "#393b79",
};
export const TYPES = Object.keys(TYPE_COLOURS);

export function colourOf(type) {
  return TYPE_COLOURS[type] ?? "#444";
}
