#include "local_gpu.h"

#include <QDateTime>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <cmath>

namespace homeport::inference {

namespace {

// A number, or nullopt for nvidia-smi's "[N/A]"/"[Not Supported]"; `ok` false for anything else.
std::optional<double> field(const QByteArray &text, bool *ok)
{
    const QByteArray t = text.trimmed();
    if (t.startsWith('[') && t.endsWith(']'))
        return std::nullopt;
    if (t == "N/A")
        return std::nullopt;
    bool converted = false;
    const double v = t.toDouble(&converted);
    if (!converted || !std::isfinite(v)) {
        *ok = false;
        return std::nullopt;
    }
    return v;
}

} // namespace

std::optional<QList<LocalGpu>> parseNvidiaSmiCsv(const QByteArray &output, QString *error)
{
    QList<LocalGpu> gpus;
    for (QByteArray line : output.split('\n')) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        QList<QByteArray> parts = line.split(',');
        if (parts.size() < 5) {
            if (error)
                *error = QStringLiteral("unexpected nvidia-smi line: %1").arg(QString::fromUtf8(line));
            return std::nullopt;
        }
        // The four numbers are the last fields; a name with a comma keeps its comma.
        LocalGpu gpu;
        bool ok = true;
        gpu.temperatureC = field(parts.takeLast(), &ok);
        gpu.memoryTotalMiB = field(parts.takeLast(), &ok);
        gpu.memoryUsedMiB = field(parts.takeLast(), &ok);
        gpu.utilizationPercent = field(parts.takeLast(), &ok);
        gpu.name = QString::fromUtf8(parts.join(',').trimmed());
        if (!ok || gpu.name.isEmpty()) {
            if (error)
                *error = QStringLiteral("unexpected nvidia-smi line: %1").arg(QString::fromUtf8(line));
            return std::nullopt;
        }
        gpus.append(gpu);
    }
    return gpus;
}

LocalGpuProbe::LocalGpuProbe(QString program, QObject *parent)
    : QObject(parent), m_program(std::move(program)), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &LocalGpuProbe::probeNow);
}

LocalGpuProbe::~LocalGpuProbe()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void LocalGpuProbe::start(int intervalMs)
{
    probeNow();
    m_timer->start(intervalMs);
}

void LocalGpuProbe::probeNow()
{
    if (m_process)
        return; // the last one is still running
    const QString path = m_program.contains(QLatin1Char('/')) ? m_program : QStandardPaths::findExecutable(m_program);
    if (path.isEmpty()) {
        LocalGpuStatus s;
        s.availability = LocalGpuStatus::Availability::NoGpu;
        s.message = tr("No NVIDIA GPU on this machine (%1 is not installed).").arg(m_program);
        return finish(s);
    }
    m_process = new QProcess(this);
    m_process->setProgram(path);
    m_process->setArguments({QStringLiteral("--query-gpu=name,utilization.gpu,memory.used,memory.total,temperature.gpu"),
                             QStringLiteral("--format=csv,noheader,nounits")});
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus exitStatus) {
        QProcess *process = m_process;
        m_process = nullptr;
        process->deleteLater();
        const QByteArray out = process->readAllStandardOutput();
        LocalGpuStatus s;
        if (exitStatus != QProcess::NormalExit || exitCode != 0) {
            // nvidia-smi is installed but finds no driver or device ("NVIDIA-SMI has failed ...",
            // "No devices were found"): there is no usable GPU here.
            const QString said = QString::fromUtf8(out + process->readAllStandardError()).trimmed();
            s.availability = LocalGpuStatus::Availability::NoGpu;
            s.message = tr("No NVIDIA GPU on this machine: %1").arg(said.isEmpty() ? tr("nvidia-smi exited with %1").arg(exitCode) : said.section(QLatin1Char('\n'), 0, 0));
            return finish(s);
        }
        QString error;
        const std::optional<QList<LocalGpu>> gpus = parseNvidiaSmiCsv(out, &error);
        if (!gpus) {
            s.availability = LocalGpuStatus::Availability::Failed;
            s.message = error;
        } else if (gpus->isEmpty()) {
            s.availability = LocalGpuStatus::Availability::NoGpu;
            s.message = tr("No NVIDIA GPU on this machine (nvidia-smi lists none).");
        } else {
            s.availability = LocalGpuStatus::Availability::Present;
            s.gpus = *gpus;
        }
        finish(s);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart || !m_process)
            return;
        m_process->deleteLater();
        m_process = nullptr;
        LocalGpuStatus s;
        s.availability = LocalGpuStatus::Availability::NoGpu;
        s.message = tr("No NVIDIA GPU on this machine (%1 could not be started).").arg(m_program);
        finish(s);
    });
    m_process->start(QIODevice::ReadOnly);
}

void LocalGpuProbe::finish(const LocalGpuStatus &status)
{
    m_status = status;
    m_status.checkedAtMs = QDateTime::currentMSecsSinceEpoch();
    emit updated();
}

} // namespace homeport::inference
