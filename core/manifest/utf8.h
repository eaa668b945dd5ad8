#pragma once

#include <QByteArrayView>

namespace shiplog::core::manifest {

// Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and code points
// past U+10FFFF count as invalid, as in yaml-cpp's reader), or -1 when all of `data` is valid.
qsizetype firstInvalidUtf8(QByteArrayView data);

} // namespace shiplog::core::manifest
