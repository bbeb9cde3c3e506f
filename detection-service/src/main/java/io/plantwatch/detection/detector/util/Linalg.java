package io.plantwatch.detection.detector.util;

/** Dense linear algebra for the small (channels × channels) matrices of the multivariate detectors. */
public final class Linalg {

    private Linalg() {
    }

    /** Sample covariance (ddof = 1) of rows [from, to) of x. */
    public static double[][] covariance(double[][] x, int from, int to) {
        int d = x[0].length;
        int n = to - from;
        double[] mu = new double[d];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        double[][] c = new double[d][d];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
                double a = x[i][j] - mu[j];
                for (int k = j; k < d; k++) {
                    c[j][k] += a * (x[i][k] - mu[k]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                c[j][k] /= Math.max(1, n - 1);
                c[k][j] = c[j][k];
            }
        }
        return c;
    }

    /** Inverse of a symmetric positive-definite matrix by Gauss-Jordan elimination with partial pivoting. */
    public static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double p = a[col][col];
            if (Math.abs(p) < 1e-300) {
                throw new ArithmeticException("singular matrix");
            }
            for (int k = 0; k < 2 * n; k++) {
                a[col][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col];
                    if (f != 0) {
                        for (int k = 0; k < 2 * n; k++) {
                            a[r][k] -= f * a[col][k];
                        }
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** Quadratic form vᵀ M v. */
    public static double quadratic(double[] v, double[][] m) {
        int d = v.length;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double[] row = m[i];
            double r = 0;
            for (int j = 0; j < d; j++) {
                r += row[j] * v[j];
            }
            s += v[i] * r;
        }
        return s;
    }

    /**
     * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
     *
     * @return {eigenvalues (descending), eigenvectors as columns [row][col]} packed as {values[], vectors[][]}
     */
    public static Eigen symmetricEigen(double[][] sym) {
        int n = sym.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = sym[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(a[y][y], a[x][x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            int src = order[j];
            values[j] = a[src][src];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][src];
            }
        }
        // deterministic sign: largest-magnitude component of each vector positive
        for (int j = 0; j < n; j++) {
            int arg = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(vectors[i][j]) > Math.abs(vectors[arg][j])) {
                    arg = i;
                }
            }
            if (vectors[arg][j] < 0) {
                for (int i = 0; i < n; i++) {
                    vectors[i][j] = -vectors[i][j];
                }
            }
        }
        return new Eigen(values, vectors);
    }

    /** Eigenvalues (descending) and the matching eigenvectors as columns. */
    public record Eigen(double[] values, double[][] vectors) {
    }
}
