#pragma once
// The workstation's own NVIDIA GPUs, read with
//   nvidia-smi --query-gpu=name,utilization.gpu,memory.used,memory.total,temperature.gpu
//              --format=csv,noheader,nounits
// (one line per GPU, e.g. "NVIDIA GeForce RTX 4090, 37, 20480, 24564, 61"; a field nvidia-smi
// cannot read is "[N/A]" or "[Not Supported]"). LocalGpuProbe runs it on an interval when it is
// on the PATH and otherwise says plainly that this machine has no NVIDIA GPU.
// Thread affinity: parseNvidiaSmiCsv none; LocalGpuProbe the thread it lives in (its QProcess
// and timer).

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QProcess;
class QTimer;

namespace homeport::inference {

struct LocalGpu
{
    QString name;
    std::optional<double> utilizationPercent;
    std::optional<double> memoryUsedMiB;
    std::optional<double> memoryTotalMiB;
    std::optional<double> temperatureC;
};

// nullopt when a line is not five comma-separated fields with the last four numbers or N/A;
// `error` then names the line.
std::optional<QList<LocalGpu>> parseNvidiaSmiCsv(const QByteArray &output, QString *error = nullptr);

struct LocalGpuStatus
{
    enum class Availability { NotChecked, NoGpu, Present, Failed };
    Availability availability = Availability::NotChecked;
    QList<LocalGpu> gpus;
    QString message; // why there are none, or what went wrong
    qint64 checkedAtMs = 0;
};

class LocalGpuProbe : public QObject
{
    Q_OBJECT
public:
    // `program` is nvidia-smi (looked up on the PATH) unless a settings file names another.
    explicit LocalGpuProbe(QString program = QStringLiteral("nvidia-smi"), QObject *parent = nullptr);
    ~LocalGpuProbe() override;

    void start(int intervalMs);
    void probeNow();
    LocalGpuStatus status() const { return m_status; }

Q_SIGNALS:
    void updated();

private:
    void finish(const LocalGpuStatus &status);

    QString m_program;
    QProcess *m_process = nullptr;
    QTimer *m_timer;
    LocalGpuStatus m_status;
};

} // namespace homeport::inference
