import type { Document } from "@parley/core";

/** Short documents sent with each request when "Documents" is on, so replies come back with citations. */
export const knowledgeBase: Document[] = [
  {
    id: "handbook-streaming",
    data: {
      title: "Streaming in Parley",
      snippet: "Parley shows each token as it arrives and keeps the partial reply when you press Stop",
    },
  },
  {
    id: "handbook-conformance",
    data: {
      title: "The conformance suite",
      snippet:
        "the conformance suite judges any provider against the stream grammar of the Cohere Chat API v2",
    },
  },
  {
    id: "handbook-citations",
    data: {
      title: "Citations",
      snippet: "citations mark exact spans of the reply and name the documents they come from",
    },
  },
];
