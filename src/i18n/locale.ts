/**
 * The page's language and its message catalogues. Strings that code puts on a page (the
 * narration, the progress box, ...) come from one catalogue per locale: `en/<domain>.ts` is
 * the English one and its type (`typeof`), `zh-cn/<domain>.ts` must have every key with the
 * same parameters (the type checker and test/unit/i18n hold it to that). A message with
 * parameters is a function, so each language puts them where its grammar wants them.
 *
 * A browser module finds its page's locale in `<html lang>` (`pageLocale`; a figure, in the
 * text's `<main lang>`, `contentLocale`) and loads the
 * Chinese catalogue only on a Chinese page, by dynamic import (`messagesFor`): an English
 * page never downloads Chinese strings. Build-time code (Astro components) takes the locale
 * from Starlight's route and picks with `pick`.
 */

export type Locale = 'en' | 'zh-CN';

/** A `lang` attribute's locale: Chinese for `zh`, `zh-CN`, `zh-Hans`; English otherwise. */
export const localeOfLang = (lang: string | null | undefined): Locale => (/^zh\b/i.test(lang ?? '') ? 'zh-CN' : 'en');

/** Starlight's locale key (`zh-cn`, or undefined for the root) as a Locale. */
export const localeOfRoute = (locale: string | undefined): Locale => (locale === 'zh-cn' ? 'zh-CN' : 'en');

/** The page's locale, from `<html lang>`: the language of the book's frame (sidebar, header). Browser only. */
export const pageLocale = (): Locale => localeOfLang(document.documentElement.lang);

/**
 * The language of the page's text, which its figures speak: `<main lang>`, which differs
 * from the frame's on a page Starlight serves untranslated (a Chinese frame around English
 * text, under its fallback notice). Browser only.
 */
export const contentLocale = (): Locale => localeOfLang(document.querySelector('main[lang]')?.getAttribute('lang') ?? document.documentElement.lang);

/** The catalogue for `locale`: the English one at hand, the Chinese one loaded on demand. */
export async function messagesFor<T>(en: T, zh: () => Promise<{ default: T }>, locale: Locale = pageLocale()): Promise<T> {
  return locale === 'zh-CN' ? (await zh()).default : en;
}

/** Build time: one of the catalogues, both at hand. */
export const pick = <T>(locale: Locale, en: T, zh: T): T => (locale === 'zh-CN' ? zh : en);
