/*
 * pt2pt_ref.c - the reference point for our Java OSU ports: the same three point-to-point measurements, in C,
 * for any MPI library (we build it with Open MPI's mpicc and run it over its tcp and vader transports).
 *
 *   mpicc -O2 -o pt2pt_ref pt2pt_ref.c
 *   mpirun -np 2 ./pt2pt_ref latency|bw|bibw [-m [MIN:]MAX] [-i ITER] [-x ITER] [-W WINDOW]
 *
 * Algorithms, defaults and the row format follow OMB 7.3 as our Java ports do (see xen2mx.bench.OsuLatency,
 * OsuBw, OsuBibw): sizes 0 (latency only), 1, 2, 4 ... 4 MiB; latency 10000 timed + 100 warm-up iterations up to
 * 8192 B and 1000 + 10 above; bandwidth 100 + 10 and 20 + 2; window 64. Every timed iteration is timed on its own
 * with MPI_Wtime on rank 0 and the times are summed. Latency = sum / (2 * iterations) in us; bandwidth =
 * size * window * iterations (* 2 for bibw) / sum in 10^6 bytes per second. Rows are "%-10d%20.2f".
 * Options are parsed simply (no getopt_long clusters or long names); -m accepts MAX, MIN:MAX and MIN:.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIZE_DEFAULT (1L << 22)
#define LARGE_SIZE 8192
#define ACK_LENGTH 4

enum kind { LATENCY, BW, BIBW };

struct config {
    enum kind kind;
    long min_size, max_size;
    int iters_small, skip_small, iters_large, skip_large, window;
};

static void usage_exit(int rank)
{
    if (rank == 0) {
        fprintf(stderr, "usage: pt2pt_ref latency|bw|bibw [-m [MIN:]MAX] [-i ITER] [-x ITER] [-W WINDOW]\n");
    }
    MPI_Finalize();
    exit(1);
}

static int parse(int argc, char **argv, struct config *c)
{
    if (argc < 2) return -1;
    if (!strcmp(argv[1], "latency")) c->kind = LATENCY;
    else if (!strcmp(argv[1], "bw")) c->kind = BW;
    else if (!strcmp(argv[1], "bibw")) c->kind = BIBW;
    else return -1;
    c->min_size = c->kind == LATENCY ? 0 : 1;
    c->max_size = MAX_SIZE_DEFAULT;
    c->iters_small = c->kind == LATENCY ? 10000 : 100;
    c->skip_small = c->kind == LATENCY ? 100 : 10;
    c->iters_large = c->kind == LATENCY ? 1000 : 20;
    c->skip_large = c->kind == LATENCY ? 10 : 2;
    c->window = 64;
    for (int i = 2; i < argc; i += 2) {
        if (i + 1 >= argc) return -1;
        const char *v = argv[i + 1];
        if (!strcmp(argv[i], "-m")) {
            const char *colon = strchr(v, ':');
            if (colon == NULL) {
                c->max_size = atol(v);
            } else {
                if (colon != v) c->min_size = atol(v);
                if (colon[1] != '\0') c->max_size = atol(colon + 1);
            }
        } else if (!strcmp(argv[i], "-i")) {
            c->iters_small = c->iters_large = atoi(v);
        } else if (!strcmp(argv[i], "-x")) {
            c->skip_small = c->skip_large = atoi(v);
        } else if (!strcmp(argv[i], "-W")) {
            c->window = atoi(v);
        } else {
            return -1;
        }
    }
    if (c->iters_small < 1 || c->skip_small < 0 || c->window < 1 || c->max_size < 0 || c->min_size < 0) return -1;
    if (c->kind != LATENCY && c->min_size == 0) return -1;
    return 0;
}

static double latency_us(char *s, char *r, int size, int iters, int skip, int rank)
{
    double total = 0.0;
    for (int i = 0; i < iters + skip; i++) {
        if (rank == 0) {
            double t0 = MPI_Wtime();
            MPI_Send(s, size, MPI_CHAR, 1, 1, MPI_COMM_WORLD);
            MPI_Recv(r, size, MPI_CHAR, 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            if (i >= skip) total += MPI_Wtime() - t0;
        } else {
            MPI_Recv(r, size, MPI_CHAR, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            MPI_Send(s, size, MPI_CHAR, 0, 1, MPI_COMM_WORLD);
        }
    }
    return total * 1e6 / (2.0 * iters);
}

static double bw_mbps(char *s, char *r, int size, int iters, int skip, int window, int rank, MPI_Request *req)
{
    double total = 0.0;
    for (int i = 0; i < iters + skip; i++) {
        if (rank == 0) {
            double t0 = MPI_Wtime();
            for (int j = 0; j < window; j++) MPI_Isend(s, size, MPI_CHAR, 1, 100, MPI_COMM_WORLD, &req[j]);
            MPI_Waitall(window, req, MPI_STATUSES_IGNORE);
            MPI_Recv(r, ACK_LENGTH, MPI_CHAR, 1, 101, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            if (i >= skip) total += MPI_Wtime() - t0;
        } else {
            for (int j = 0; j < window; j++) MPI_Irecv(r, size, MPI_CHAR, 0, 100, MPI_COMM_WORLD, &req[j]);
            MPI_Waitall(window, req, MPI_STATUSES_IGNORE);
            MPI_Send(s, ACK_LENGTH, MPI_CHAR, 0, 101, MPI_COMM_WORLD);
        }
    }
    return size / 1e6 * iters * window / total;
}

static double bibw_mbps(char *s, char *r, int size, int iters, int skip, int window, int rank,
                        MPI_Request *sreq, MPI_Request *rreq)
{
    int peer = 1 - rank, stag = rank == 0 ? 100 : 10, rtag = rank == 0 ? 10 : 100;
    double total = 0.0;
    for (int i = 0; i < iters + skip; i++) {
        double t0 = MPI_Wtime();
        for (int j = 0; j < window; j++) MPI_Irecv(r, size, MPI_CHAR, peer, rtag, MPI_COMM_WORLD, &rreq[j]);
        for (int j = 0; j < window; j++) MPI_Isend(s, size, MPI_CHAR, peer, stag, MPI_COMM_WORLD, &sreq[j]);
        if (rank == 0) {
            MPI_Waitall(window, sreq, MPI_STATUSES_IGNORE);
            MPI_Waitall(window, rreq, MPI_STATUSES_IGNORE);
        } else {
            MPI_Waitall(window, rreq, MPI_STATUSES_IGNORE);
            MPI_Waitall(window, sreq, MPI_STATUSES_IGNORE);
        }
        if (i >= skip) total += MPI_Wtime() - t0;
    }
    return size / 1e6 * iters * window * 2 / total;
}

int main(int argc, char **argv)
{
    static const char *titles[] = {"Latency", "Bandwidth", "Bi-Directional Bandwidth"};
    int rank, nprocs, len;
    char version[MPI_MAX_LIBRARY_VERSION_STRING];
    struct config c;

    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
    if (parse(argc, argv, &c) != 0) usage_exit(rank);
    if (nprocs != 2) {
        if (rank == 0) fprintf(stderr, "This test requires exactly two processes\n");
        MPI_Finalize();
        return 1;
    }
    long cap = c.max_size > ACK_LENGTH ? c.max_size : ACK_LENGTH;
    char *s = NULL, *r = NULL;
    MPI_Request *sreq = malloc(sizeof(MPI_Request) * c.window), *rreq = malloc(sizeof(MPI_Request) * c.window);
    if (posix_memalign((void **)&s, 64, cap) || posix_memalign((void **)&r, 64, cap) || !sreq || !rreq) {
        fprintf(stderr, "out of memory\n");
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    MPI_Get_library_version(version, &len);
    version[strcspn(version, ",\n")] = '\0';
    if (rank == 0) {
        const char *btl = getenv("OMPI_MCA_btl");
        printf("\n# OSU MPI %s Test v7.3 (xen2mx C reference)\n# %s, btl: %s\n%-10s%20s\n", titles[c.kind], version,
               btl ? btl : "default", "# Size", c.kind == LATENCY ? "Latency (us)" : "Bandwidth (MB/s)");
        fflush(stdout);
    }
    for (long size = c.min_size; size <= c.max_size; size = size ? size * 2 : 1) {
        int large = size > LARGE_SIZE;
        int iters = large ? c.iters_large : c.iters_small, skip = large ? c.skip_large : c.skip_small;
        memset(s, 'a', size);
        memset(r, 'b', size);
        MPI_Barrier(MPI_COMM_WORLD);
        double v = c.kind == LATENCY ? latency_us(s, r, (int)size, iters, skip, rank)
                 : c.kind == BW ? bw_mbps(s, r, (int)size, iters, skip, c.window, rank, sreq)
                 : bibw_mbps(s, r, (int)size, iters, skip, c.window, rank, sreq, rreq);
        if (rank == 0) {
            printf("%-10ld%20.2f\n", size, v);
            fflush(stdout);
        }
    }
    free(s);
    free(r);
    free(sreq);
    free(rreq);
    MPI_Finalize();
    return 0;
}
