// libFuzzer target for remote URL parsing and redaction: any text in, never a crash; redaction
// is idempotent, keeps no password-carrying userinfo, and the scrubber removes a URL's password
// once it is known. Run: tests/fuzz/run.sh
#include "core/forge/redact.h"
#include "core/forge/remote_url.h"

#include <QRegularExpression>
#include <cstdint>
#include <cstdlib>

using namespace shiplog::core::forge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    if (const auto url = parseRemoteUrl(text)) {
        const ForgeRepo repo = forgeRepo(*url, detectForge(*url));
        if (repo.webBase.contains(u'@'))
            abort(); // the forge's web address never carries the remote's userinfo
        (void)url->owner();
        (void)url->name();
    }
    const QString once = redactUrl(text);
    if (redactUrl(once) != once)
        abort();
    static const QRegularExpression passwordUserinfo(
        QStringLiteral("[A-Za-z][A-Za-z0-9+.\\-]*://[^/?#\\s@:]*:[^/?#\\s@]*@"));
    const QRegularExpressionMatch m = passwordUserinfo.match(once);
    if (m.hasMatch() && !m.captured(0).endsWith(QStringLiteral("***@")))
        abort();
    const QString scrubbed = scrubSecrets(text);
    if (scrubSecrets(scrubbed) != scrubbed)
        abort();
    return 0;
}
