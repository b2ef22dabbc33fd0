/** Every message catalogue of src/i18n, English and Chinese side by side (the tests walk this list). */
import bookEn from '../../../src/i18n/en/book.ts';
import bookZh from '../../../src/i18n/zh-cn/book.ts';

type Catalogue = Readonly<Record<string, unknown>>;

export const CATALOGUES: { name: string; en: Catalogue; zh: Catalogue }[] = [{ name: 'book', en: bookEn, zh: bookZh }];
