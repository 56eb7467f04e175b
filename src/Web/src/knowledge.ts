/** What the portal's knowledge-base pages and the ticket form share: the API's shapes, snippets, feedback, product names. */
import { api } from './api';
import { h } from './dom';
import { language } from './i18n';

export interface ArticleHit {
  slug: string;
  title: string;
  snippet: string;
  score: number;
  language: string;
  productIds: string[];
}

export interface ArticleSummary {
  slug: string;
  title: string;
  language: string;
  productIds: string[];
  updatedAt: string;
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  translations: Partial<Record<'ru' | 'en', string>>;
}

export interface Product {
  id: string;
  name: string;
}

export type FeedbackEvent = 'shown' | 'opened' | 'answered';
export type FeedbackSource = 'suggestion' | 'search';

/**
 * A snippet from the API is HTML-escaped text whose matches are wrapped in <mark>: it is read as text parts, marked or
 * not, so nothing else the server sent can ever become markup.
 */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) parts.push({ text: decodeEntities(part), marked });
  }
  return parts;
}

export function snippetNodes(snippet: string): (Node | string)[] {
  return snippetParts(snippet).map(({ text, marked }) => (marked ? h('mark', {}, text) : text));
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos|#39);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? entity;
  });
}

/** Counts for the deflection figures; a lost count is not worth bothering the visitor with. */
export function sendFeedback(slug: string, event: FeedbackEvent, source: FeedbackSource): Promise<void> {
  return api
    .post<void>(`/kb/articles/${encodeURIComponent(slug)}/feedback`, { body: { event, source } })
    .catch(() => undefined);
}

let products: Promise<Product[]> | undefined;
let productsLanguage: string | undefined;

/** The public product catalogue in the interface's language, fetched once per language. */
export function productCatalogue(): Promise<Product[]> {
  if (!products || productsLanguage !== language()) {
    productsLanguage = language();
    products = api
      .get<{ items: Product[] }>('/products', { query: { lang: language() } })
      .then((list) => list.items)
      .catch(() => {
        products = undefined;
        return [];
      });
  }
  return products;
}
