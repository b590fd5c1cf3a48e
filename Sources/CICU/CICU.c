#include "CICU.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uversion.h>
#include <unicode/utypes.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uenum.h>
#include <unicode/uspoof.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

void emend_icu_version(char *buffer) {
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, buffer);
}

const char *emend_icu_error_name(int status) {
    return u_errorName((UErrorCode)status);
}

const EmendNormalizer *emend_normalizer_get(EmendNormalizationForm form, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = NULL;
    switch (form) {
    case EMEND_NFC: normalizer = unorm2_getNFCInstance(&code); break;
    case EMEND_NFD: normalizer = unorm2_getNFDInstance(&code); break;
    case EMEND_NFKC: normalizer = unorm2_getNFKCInstance(&code); break;
    case EMEND_NFKD: normalizer = unorm2_getNFKDInstance(&code); break;
    case EMEND_NFKC_CASEFOLD: normalizer = unorm2_getNFKCCasefoldInstance(&code); break;
    default: code = U_ILLEGAL_ARGUMENT_ERROR; break;
    }
    *status = code;
    return (const EmendNormalizer *)normalizer;
}

/// Converts UTF-8 to a freshly allocated UTF-16 buffer. Invalid UTF-8 becomes
/// U+FFFD (callers validate beforehand, so this is only a safety net).
static UChar *to_utf16(const char *text, int32_t length, int32_t *utf16Length, UErrorCode *code) {
    int32_t needed = 0;
    UErrorCode probe = U_ZERO_ERROR;
    u_strFromUTF8WithSub(NULL, 0, &needed, text, length, 0xFFFD, NULL, &probe);
    if (probe != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(probe)) { *code = probe; return NULL; }
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (buffer == NULL) { *code = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    u_strFromUTF8WithSub(buffer, needed + 1, utf16Length, text, length, 0xFFFD, NULL, code);
    if (U_FAILURE(*code)) { free(buffer); return NULL; }
    return buffer;
}

/// Converts UTF-16 to UTF-8 into the caller's buffer, returning the length needed.
static int32_t to_utf8(const UChar *text, int32_t length, char *destination, int32_t capacity, UErrorCode *code) {
    int32_t needed = 0;
    u_strToUTF8WithSub(destination, capacity, &needed, text, length, 0xFFFD, NULL, code);
    if (*code == U_STRING_NOT_TERMINATED_WARNING) *code = U_ZERO_ERROR;
    return needed;
}

int emend_normalizer_is_normalized(const EmendNormalizer *normalizer,
                                   const char *text, int32_t length, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t utf16Length = 0;
    UChar *source = to_utf16(text, length, &utf16Length, &code);
    if (source == NULL) { *status = code; return 0; }
    UBool result = unorm2_isNormalized((const UNormalizer2 *)normalizer, source, utf16Length, &code);
    free(source);
    *status = code;
    return result ? 1 : 0;
}

int32_t emend_normalize(const EmendNormalizer *normalizer,
                        const char *text, int32_t length,
                        char *destination, int32_t capacity, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t utf16Length = 0;
    UChar *source = to_utf16(text, length, &utf16Length, &code);
    if (source == NULL) { *status = code; return 0; }
    // Normalization can grow text; NFKD of a ligature triples it at most in practice,
    // so start at 3x and retry once with the exact size ICU reports.
    int32_t outCapacity = utf16Length * 3 + 16;
    UChar *normalized = (UChar *)malloc(sizeof(UChar) * (size_t)outCapacity);
    if (normalized == NULL) { free(source); *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
    int32_t normalizedLength = unorm2_normalize((const UNormalizer2 *)normalizer, source, utf16Length,
                                                normalized, outCapacity, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR) {
        free(normalized);
        code = U_ZERO_ERROR;
        outCapacity = normalizedLength + 1;
        normalized = (UChar *)malloc(sizeof(UChar) * (size_t)outCapacity);
        if (normalized == NULL) { free(source); *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
        normalizedLength = unorm2_normalize((const UNormalizer2 *)normalizer, source, utf16Length,
                                            normalized, outCapacity, &code);
    }
    free(source);
    if (U_FAILURE(code)) { free(normalized); *status = code; return 0; }
    int32_t needed = to_utf8(normalized, normalizedLength, destination, capacity, &code);
    free(normalized);
    *status = code;
    return needed;
}

static void copy_context(char *destination, const UChar *context) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8WithSub(destination, 63, &written, context, -1, 0xFFFD, NULL, &code);
    if (U_FAILURE(code) || written > 63) written = 0;
    destination[written] = 0;
}

static void copy_parse_error(EmendParseError *target, const UParseError *source) {
    if (target == NULL) return;
    target->line = source->line;
    target->offset = source->offset;
    copy_context(target->preContext, source->preContext);
    copy_context(target->postContext, source->postContext);
}

EmendTransliterator *emend_transliterator_open_rules(const char *identifier,
                                                     const char *rules, int32_t length,
                                                     int reverse,
                                                     EmendParseError *parseError,
                                                     int *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t rulesLength = 0;
    UChar *rules16 = to_utf16(rules, length, &rulesLength, &code);
    if (rules16 == NULL) { *status = code; return NULL; }
    int32_t idLength = 0;
    UChar *id16 = to_utf16(identifier, (int32_t)strlen(identifier), &idLength, &code);
    if (id16 == NULL) { free(rules16); *status = code; return NULL; }
    UParseError where;
    memset(&where, 0, sizeof where);
    UTransliterator *t = utrans_openU(id16, idLength, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      rules16, rulesLength, &where, &code);
    free(rules16);
    free(id16);
    copy_parse_error(parseError, &where);
    *status = code;
    if (U_FAILURE(code)) { if (t) utrans_close(t); return NULL; }
    return (EmendTransliterator *)t;
}

EmendTransliterator *emend_transliterator_open_id(const char *identifier, int reverse,
                                                  EmendParseError *parseError,
                                                  int *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t idLength = 0;
    UChar *id16 = to_utf16(identifier, (int32_t)strlen(identifier), &idLength, &code);
    if (id16 == NULL) { *status = code; return NULL; }
    UParseError where;
    memset(&where, 0, sizeof where);
    UTransliterator *t = utrans_openU(id16, idLength, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      NULL, 0, &where, &code);
    free(id16);
    copy_parse_error(parseError, &where);
    *status = code;
    if (U_FAILURE(code)) { if (t) utrans_close(t); return NULL; }
    return (EmendTransliterator *)t;
}

int32_t emend_transliterate(const EmendTransliterator *transliterator,
                            const char *text, int32_t length,
                            char *destination, int32_t capacity, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t utf16Length = 0;
    UChar *source = to_utf16(text, length, &utf16Length, &code);
    if (source == NULL) { *status = code; return 0; }
    // Transliteration may grow text (щ -> shch); retry with the size ICU asks for.
    int32_t bufferCapacity = utf16Length * 4 + 16;
    for (int attempt = 0; attempt < 4; attempt++) {
        UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)bufferCapacity);
        if (buffer == NULL) { free(source); *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
        memcpy(buffer, source, sizeof(UChar) * (size_t)utf16Length);
        int32_t textLength = utf16Length;
        int32_t limit = utf16Length;
        code = U_ZERO_ERROR;
        utrans_transUChars((const UTransliterator *)transliterator, buffer, &textLength,
                           bufferCapacity, 0, &limit, &code);
        if (code == U_BUFFER_OVERFLOW_ERROR) {
            free(buffer);
            bufferCapacity = (textLength > bufferCapacity ? textLength : bufferCapacity) * 2 + 16;
            continue;
        }
        if (U_FAILURE(code)) { free(buffer); free(source); *status = code; return 0; }
        int32_t needed = to_utf8(buffer, textLength, destination, capacity, &code);
        free(buffer);
        free(source);
        *status = code;
        return needed;
    }
    free(source);
    *status = U_BUFFER_OVERFLOW_ERROR;
    return 0;
}

void emend_transliterator_close(EmendTransliterator *transliterator) {
    if (transliterator != NULL) utrans_close((UTransliterator *)transliterator);
}

int32_t emend_transliterator_available_ids(char *destination, int32_t capacity, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    UEnumeration *ids = utrans_openIDs(&code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    int32_t written = 0;
    const char *id;
    int32_t idLength = 0;
    while ((id = uenum_next(ids, &idLength, &code)) != NULL && U_SUCCESS(code)) {
        if (written + idLength + 1 <= capacity) {
            memcpy(destination + written, id, (size_t)idLength);
            destination[written + idLength] = '\n';
        }
        written += idLength + 1;
    }
    uenum_close(ids);
    *status = code;
    return written;
}

static USpoofChecker *spoofChecker = NULL;
static UErrorCode spoofStatus = U_ZERO_ERROR;
static pthread_once_t spoofOnce = PTHREAD_ONCE_INIT;

static void open_spoof_checker(void) {
    spoofChecker = uspoof_open(&spoofStatus);
}

int32_t emend_confusable_skeleton(const char *text, int32_t length,
                                  char *destination, int32_t capacity, int *status) {
    /* Opened once, for every thread; skeletons read it and change nothing. */
    pthread_once(&spoofOnce, open_spoof_checker);
    if (U_FAILURE(spoofStatus) || spoofChecker == NULL) { *status = spoofStatus; return 0; }
    UErrorCode code = U_ZERO_ERROR;
    int32_t needed = uspoof_getSkeletonUTF8(spoofChecker, 0, text, length, destination, capacity, &code);
    if (code == U_STRING_NOT_TERMINATED_WARNING) code = U_ZERO_ERROR;
    *status = code;
    return needed;
}

EmendConverter *emend_converter_open(const char *name, char *canonicalName, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &code);
    if (U_FAILURE(code)) {
        if (converter) ucnv_close(converter);
        *status = code;
        return NULL;
    }
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &code);
    const char *canonical = ucnv_getName(converter, &code);
    if (U_FAILURE(code)) { ucnv_close(converter); *status = code; return NULL; }
    strncpy(canonicalName, canonical, 63);
    canonicalName[63] = 0;
    *status = U_ZERO_ERROR;
    return (EmendConverter *)converter;
}

int32_t emend_converter_to_utf16(EmendConverter *converter, const char *source, int32_t length,
                                 uint16_t *target, int32_t capacity, int32_t *offsets, int flush,
                                 int32_t *consumed, int32_t *invalidLength, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    const char *cursor = source;
    UChar *out = (UChar *)target;
    ucnv_toUnicode((UConverter *)converter, &out, (UChar *)target + capacity, &cursor, source + length,
                   offsets, flush ? 1 : 0, &code);
    *consumed = (int32_t)(cursor - source);
    *invalidLength = 0;
    /* A bad escape sequence (ISO-2022-JP, HZ) is bytes invalid in the encoding too. */
    if (code == U_INVALID_CHAR_FOUND || code == U_TRUNCATED_CHAR_FOUND || code == U_ILLEGAL_CHAR_FOUND
        || code == U_ILLEGAL_ESCAPE_SEQUENCE || code == U_UNSUPPORTED_ESCAPE_SEQUENCE) {
        char bytes[32];
        int8_t count = sizeof bytes;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars((UConverter *)converter, bytes, &count, &ignored);
        *invalidLength = U_SUCCESS(ignored) ? count : 1;
    }
    *status = code;
    return (int32_t)(out - (UChar *)target);
}

void emend_converter_close(EmendConverter *converter) {
    if (converter != NULL) ucnv_close((UConverter *)converter);
}

int32_t emend_converter_names(char *destination, int32_t capacity, int *status) {
    int32_t written = 0;
    int32_t count = ucnv_countAvailable();
    for (int32_t index = 0; index < count; index++) {
        const char *name = ucnv_getAvailableName(index);
        UErrorCode code = U_ZERO_ERROR;
        uint16_t aliases = ucnv_countAliases(name, &code);
        for (uint16_t alias = 0; alias <= aliases; alias++) {
            const char *text = alias == 0 ? name : ucnv_getAlias(name, (uint16_t)(alias - 1), &code);
            if (U_FAILURE(code) || text == NULL) break;
            int32_t textLength = (int32_t)strlen(text);
            if (written + textLength + 1 <= capacity) {
                memcpy(destination + written, text, (size_t)textLength);
                destination[written + textLength] = '\n';
            }
            written += textLength + 1;
        }
    }
    *status = U_ZERO_ERROR;
    return written;
}

static void copy_name(char *destination, size_t size, const char *source) {
    if (source == NULL) source = "";
    strncpy(destination, source, size - 1);
    destination[size - 1] = 0;
}

int32_t emend_charset_detect(const char *bytes, int32_t length,
                             EmendCharsetMatch *matches, int32_t capacity, int *status) {
    UErrorCode code = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    ucsdet_setText(detector, bytes, length, &code);
    int32_t found = 0;
    const UCharsetMatch **all = U_SUCCESS(code) ? ucsdet_detectAll(detector, &found, &code) : NULL;
    int32_t written = 0;
    for (int32_t index = 0; U_SUCCESS(code) && all != NULL && index < found && written < capacity; index++) {
        EmendCharsetMatch *match = &matches[written];
        copy_name(match->name, sizeof match->name, ucsdet_getName(all[index], &code));
        copy_name(match->language, sizeof match->language, ucsdet_getLanguage(all[index], &code));
        match->confidence = ucsdet_getConfidence(all[index], &code);
        if (U_SUCCESS(code)) written++;
    }
    ucsdet_close(detector);
    *status = code;
    return written;
}
