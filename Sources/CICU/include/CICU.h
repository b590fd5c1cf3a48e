#ifndef EMEND_CICU_H
#define EMEND_CICU_H

#include <stdint.h>

/// Plain C entry points over the system ICU. ICU renames its functions per
/// version through macros, which Swift cannot import; these wrappers are
/// compiled against the headers and give Swift stable names.
/// Strings cross this boundary as UTF-8 (pointer + byte length).
/// Every function that can fail takes `int *status`, set to an ICU
/// UErrorCode (0 is success, > 0 is failure, < 0 is a warning).

#ifdef __cplusplus
extern "C" {
#endif

/// Writes ICU's version ("72.1") into `buffer` (at least 20 bytes).
void emend_icu_version(char *buffer);

/// Returns a short English name for an ICU error code.
const char *emend_icu_error_name(int status);

/// Unicode normalization forms for `emend_normalizer_get`.
typedef enum {
    EMEND_NFC = 0,
    EMEND_NFD = 1,
    EMEND_NFKC = 2,
    EMEND_NFKD = 3,
    EMEND_NFKC_CASEFOLD = 4,
} EmendNormalizationForm;

/// A shared, immutable normalizer owned by ICU (never closed).
typedef struct EmendNormalizer EmendNormalizer;

const EmendNormalizer *emend_normalizer_get(EmendNormalizationForm form, int *status);

/// Returns 1 when the UTF-8 text is already in the normalizer's form.
int emend_normalizer_is_normalized(const EmendNormalizer *normalizer,
                                   const char *text, int32_t length, int *status);

/// Normalizes UTF-8 text into `destination`. Returns the length in bytes the
/// result needs; when it exceeds `capacity`, status is U_BUFFER_OVERFLOW_ERROR
/// (15) and the caller retries with a larger buffer.
int32_t emend_normalize(const EmendNormalizer *normalizer,
                        const char *text, int32_t length,
                        char *destination, int32_t capacity, int *status);

/// An ICU transliterator owned by the caller; close with `emend_transliterator_close`.
typedef struct EmendTransliterator EmendTransliterator;

/// Where ICU found an error in transform rules. `offset` counts UTF-16 code
/// units from the start of the rules; `line` is ICU's own (often 0).
typedef struct {
    int32_t line;
    int32_t offset;
    char preContext[64];
    char postContext[64];
} EmendParseError;

/// Compiles transform rules (UTF-8). `reverse` nonzero builds the reverse direction.
EmendTransliterator *emend_transliterator_open_rules(const char *identifier,
                                                     const char *rules, int32_t length,
                                                     int reverse,
                                                     EmendParseError *parseError,
                                                     int *status);

/// Opens a transliterator by ICU identifier, e.g. "Russian-Latin/BGN" or "Any-NFC".
EmendTransliterator *emend_transliterator_open_id(const char *identifier, int reverse,
                                                  EmendParseError *parseError,
                                                  int *status);

/// Transliterates UTF-8 text into `destination`. Returns the length in bytes
/// the result needs; on U_BUFFER_OVERFLOW_ERROR (15) retry with a larger buffer.
int32_t emend_transliterate(const EmendTransliterator *transliterator,
                            const char *text, int32_t length,
                            char *destination, int32_t capacity, int *status);

void emend_transliterator_close(EmendTransliterator *transliterator);

/// Lists the transliterator IDs ICU has built in, separated by '\n', into
/// `destination`. Returns the length needed.
int32_t emend_transliterator_available_ids(char *destination, int32_t capacity, int *status);

/// Writes the confusable skeleton of UTF-8 text (Unicode TR 39: the form that
/// look-alike characters share, e.g. Cyrillic "о" and Latin "o") into
/// `destination`; returns the length needed.
int32_t emend_confusable_skeleton(const char *text, int32_t length,
                                  char *destination, int32_t capacity, int *status);

/// A character-set converter from some encoding to Unicode, owned by the
/// caller; close with `emend_converter_close`. It stops at every byte sequence
/// that is invalid or unassigned in its encoding instead of substituting.
typedef struct EmendConverter EmendConverter;

/// Opens ICU's converter for `name` (any name or alias ICU knows: "windows-1251",
/// "KOI8-R", "UTF-16LE" ...). Writes the converter's canonical name into
/// `canonicalName` (at least 64 bytes).
EmendConverter *emend_converter_open(const char *name, char *canonicalName, int *status);

/// Converts `length` bytes to UTF-16 into `target`. `flush` nonzero marks the end
/// of input. Sets `*consumed` to the bytes read and returns the UTF-16 units
/// written; `offsets` (capacity units, or NULL) receives for each unit the index
/// of the source byte it came from (-1 when from an earlier call). Stops at a bad
/// sequence with status U_INVALID_CHAR_FOUND (10), U_TRUNCATED_CHAR_FOUND (11) or
/// U_ILLEGAL_CHAR_FOUND (12), and `*invalidLength` set to its length in bytes;
/// `*consumed` then counts it. U_BUFFER_OVERFLOW_ERROR (15): call again.
int32_t emend_converter_to_utf16(EmendConverter *converter, const char *source, int32_t length,
                                 uint16_t *target, int32_t capacity, int32_t *offsets, int flush,
                                 int32_t *consumed, int32_t *invalidLength, int *status);

void emend_converter_close(EmendConverter *converter);

/// Lists every converter name and alias ICU knows, separated by '\n', into
/// `destination`. Returns the length needed.
int32_t emend_converter_names(char *destination, int32_t capacity, int *status);

/// One guess of ICU's character-set detector.
typedef struct {
    /// ICU's name for the encoding ("windows-1251", "KOI8-R", "UTF-8" …).
    char name[32];
    /// The ISO 639 code of the language the text reads as ("ru"); empty when none.
    char language[8];
    /// How sure the detector is, 0 to 100.
    int32_t confidence;
} EmendCharsetMatch;

/// Runs ICU's character-set detector (ucsdet) over `length` bytes and writes
/// its guesses, best first, into `matches` (at most `capacity`); returns how
/// many it wrote. Reads the bytes only; keeps nothing after it returns.
int32_t emend_charset_detect(const char *bytes, int32_t length,
                             EmendCharsetMatch *matches, int32_t capacity, int *status);

#ifdef __cplusplus
}
#endif

#endif
