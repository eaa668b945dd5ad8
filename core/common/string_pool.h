#pragma once

// Equal strings kept once: values read by the hundred thousand (an index's kinds, namespaces and
// paths) share one allocation each through QString's implicit sharing. One thread.
#include <QSet>
#include <QString>

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

private:
    QSet<QString> m_strings;
};

} // namespace shiplog::core
