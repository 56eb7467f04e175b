/** The public catalogue: product and department names in both languages, fetched once per visit. */
import { api } from './api';
import { language } from './i18n';

interface Names {
  ru: string;
  en: string;
}

interface Entry {
  id: string;
  names: Names;
}

export interface Catalogue {
  /** The department's name in the current language; undefined when the catalogue does not know the id. */
  department(id: string): string | undefined;
  /** The product's name in the current language, found by its id or by its name in either language. */
  product(idOrName: string): string | undefined;
}

let loading: Promise<Catalogue> | undefined;

/** Never fails: without an answer the catalogue knows nothing and callers show what they have. */
export function catalogue(): Promise<Catalogue> {
  loading ??= Promise.all([entries('/departments'), entries('/products')]).then(([departments, products]) => ({
    department: (id) => departments.find((d) => d.id === id)?.names[language()],
    product: (idOrName) => products.find((p) => p.id === idOrName || p.names.ru === idOrName || p.names.en === idOrName)?.names[language()],
  }));
  return loading;
}

async function entries(path: string): Promise<readonly Entry[]> {
  try {
    const { items } = await api.get<{ items: Entry[] }>(path);
    return items.filter((item) => item.names && typeof item.names.ru === 'string' && typeof item.names.en === 'string');
  } catch {
    loading = undefined;
    return [];
  }
}
