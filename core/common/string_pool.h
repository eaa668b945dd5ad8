#pragma once

// Equal strings kept once: values read by the hundred thousand (an index's kinds, namespaces and
// paths) share one allocation each through QString's implicit sharing. One thread.
#include <QSet>
#include <QString>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace shiplog::core {

class StringPool
{
public:
    void intern(QString& s)
    {
        if (s.isEmpty())
            return;
        if (const auto it = m_strings.constFind(s); it != m_strings.cend())
            s = *it;
        else
            m_strings.insert(s);
    }

    // The pooled string of these UTF-8 bytes: a store that decodes the same few hundred names in
    // every record converts each once (on argo-cd, a second opening decoded 650,000 strings of a
    // few hundred distinct ones, each converted, allocated and then interned).
    QString fromUtf8(std::string_view utf8)
    {
        if (const auto it = m_utf8.find(utf8); it != m_utf8.end())
            return it->second;
        QString s = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
        intern(s);
        m_utf8.emplace(std::string(utf8), s);
        return s;
    }

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    QSet<QString> m_strings;
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> m_utf8;
};

} // namespace shiplog::core
