"""Reference values for the censored Mann-Kendall tests: R's NADA 1.6 cenken (R/ken.R: kendallATS,
ktau_b, ktau_s, ktau_p, turnbull; R/icmle.R: Icens' Maclist, MLEintvl, Macmat, EM) transliterated
line by line with numpy, written apart from tipstats' C++ port and sharing no code with it.

Akritas, Murphy & LaValley (1995), The Theil-Sen estimator with doubly censored data and
applications to astronomy, JASA 90:170-177; Helsel (2012), Statistics for Censored Environmental
Data Using Minitab and R, 2nd ed., Wiley, ch. 12. Two deliberate departures from the R code, where
it returns NaN or NA rather than a value: a tie-correction term 0 * 0 / 0 (n = 2) is 0, and when
no antichain has at most half the Turnbull mass above it the intercept is the last antichain's
right end; a survival of exactly one half counts as reached to within 1e-9 (exact arithmetic).
"""
import numpy as np
from scipy.stats import norm

def sign(a):
    return np.sign(a)

def ktau_s(x, xcen, y, ycen):
    xy1 = sign(np.subtract.outer(y, y))
    xy2 = xy1 * sign(np.subtract.outer(x, x))
    itot = 0.5 * np.sum((np.subtract.outer(ycen.astype(float), -ycen.astype(float)) == 0) * xy2)
    xy3 = np.subtract.outer(ycen.astype(float), ycen.astype(float))
    xy4 = np.less_equal.outer(y, y)
    itot = itot + np.sum(((xy3 * xy4) == 1) * xy2)
    return itot

def ktau_b(x, xcen, y, ycen):
    cx = ~xcen; cy = ~ycen
    yy = y * cy; xx = x * cx
    slopes = []
    with np.errstate(all="ignore"):
        for i in range(len(x)):
            slopes.extend((yy[i] - yy[:i + 1]) / (xx[i] - xx[:i + 1]))
    slopes = np.array(slopes)
    s = slopes[np.isfinite(slopes)]
    return s.min(), s.max()

def iter_s(lb, ub, x, xcen, y, ycen, tol, it):
    def step_s(lb, ub):
        b = np.array([lb, (lb + ub) / 2, ub])
        s = np.array([ktau_s(x, xcen, y - bi * x, ycen) for bi in b])
        return b, s
    bs = step_s(lb, ub)
    for _ in range(it):
        b, s = bs[0].copy(), bs[1].copy()
        if s[0] * s[1] <= 0:
            s[2] = s[1]; b[2] = b[1]
        else:
            s[0] = s[1]; b[0] = b[1]
        if s[1] == 0 or abs(b[2] - b[0]) <= tol:
            break
        bs = step_s(b[0], b[2])
    return bs

def maclist(L, R):
    m = len(L)
    order = np.argsort(L, kind="stable")
    macs = []
    cur = [order[0]]; minend = R[order[0]]
    for i in range(1, m):
        c = order[i]
        if L[c] > minend or L[c] == minend:
            macs.append(cur)
            old = cur; cur = [j for j in old if L[c] < R[j]] + [c]
            minend = min(R[j] for j in cur)
        else:
            cur.append(c); minend = min(minend, R[c])
    macs.append(cur)
    return macs

def em(L, R, maxiter=500, tol=np.finfo(float).eps):
    ml = maclist(L, R)
    both = np.concatenate([L, R])
    intmap = np.array([[max([both.min()] + [L[j] for j in mac]), min([both.max()] + [R[j] for j in mac])]
                       for mac in ml]).T
    n = len(L)
    A = np.zeros((len(ml), n))
    for i, mac in enumerate(ml):
        A[i, mac] = 1
    eps = np.finfo(float).eps
    def rescale(p):
        p = np.where(p < eps, 0, p)
        return p / p.sum()
    p = rescale(A.sum(axis=1) / A.sum())
    for _ in range(maxiter):
        t1 = np.diag(p) @ A
        t2 = 1 / (A.T @ p)
        npv = rescale((t1 @ t2) / n)
        done = np.abs(npv - p).sum() < tol
        p = npv
        if done:
            break
    return p, intmap

def turnbull(y, ycen, x, slope):
    resid = y - slope * x
    L = resid - y * ycen
    R = resid
    pf, intmap = em(L, R)
    surv = np.cumsum(pf[::-1])[::-1][1:]
    # cenken's min(which(surv <= 0.5)); a tie at one half within rounding counts as reached
    # (exact arithmetic), and where no antichain qualifies (cenken: NA) the last one's right end.
    hits = np.nonzero(surv <= 0.5 + 1e-9)[0]
    return intmap[1, hits[0]] if len(hits) else intmap[1, -1]

def ktau_p(xx, cx, yy, cy):
    n = len(xx)
    delx = np.min(np.diff(np.unique(xx))) / 1000
    dely = np.min(np.diff(np.unique(yy))) / 1000
    dupx = xx - delx * cx
    diffx = np.subtract.outer(dupx, dupx)
    diffcx = np.subtract.outer(cx.astype(float), cx.astype(float))
    xplus = np.subtract.outer(cx.astype(float), -cx.astype(float))
    dupy = yy - dely * cy
    diffy = np.subtract.outer(dupy, dupy)
    diffcy = np.subtract.outer(cy.astype(float), cy.astype(float))
    yplus = np.subtract.outer(cy.astype(float), -cy.astype(float))
    signyx = sign(diffy * diffx)
    cix = sign(diffcx) * sign(diffx); cix = np.where(cix <= 0, 0, 1)
    signyx = signyx * (1 - cix)
    ciy = sign(diffcy) * sign(diffy); ciy = np.where(ciy <= 0, 0, 1)
    signyx = signyx * (1 - ciy)
    xplus = np.where(xplus <= 1, 0, 1); yplus = np.where(yplus <= 1, 0, 1)
    itot = np.sum(signyx * (1 - xplus) * (1 - yplus))
    kenS = itot / 2
    tau = itot / (n * (n - 1))
    varS = n * (n - 1) * (2 * n + 5) / 18

    def runs(v):
        from scipy.stats import rankdata
        r = rankdata(v, method="average")
        out = []; i = 0
        while i < len(r):
            j = i
            while j < len(r) and r[j] == r[i]:
                j += 1
            out.append(j - i); i = j
        return np.array(out, dtype=float)

    def sums(lengths):
        l = lengths
        return (np.sum(l * (l - 1) * (2 * l + 5)), np.sum(l * (l - 1) * (l - 2)), np.sum(l * (l - 1)), np.sum(l - 1))

    def corr(a, b):
        t2 = a[1] * b[1]; t3 = a[2] * b[2]
        return ((a[0] + b[0]) / 18 - (0.0 if t2 == 0 else t2 / (9 * n * (n - 1) * (n - 2)))
                - (0.0 if t3 == 0 else t3 / (2 * n * (n - 1))))

    intg = np.arange(1, n + 1)
    o = np.argsort(dupx, kind="stable"); dxx = dupx[o]; dcx = cx[o].astype(float)
    o = np.argsort(dupy, kind="stable"); dyy = dupy[o]; dcy = cy[o].astype(float)
    tmpx = dxx - intg * (1 - dcx) * delx
    tmpy = dyy - intg * (1 - dcy) * dely
    sx, sy = sums(runs(tmpx)), sums(runs(tmpy))
    delc = corr(sx, sy)
    nrx = np.sum(np.maximum(intg * dcx - 1, 0)); nry = np.sum(np.maximum(intg * dcy - 1, 0))
    deluc = corr((nrx * 18, 0.0, nrx * 2), (nry * 18, 0.0, nry * 2)) - (sx[3] + sy[3])
    dxx = dxx - intg * dcx * delx
    dyy = dyy - intg * dcy * dely
    delu = corr(sums(runs(dxx)), sums(runs(dyy)))
    varS = varS - delc - deluc - delu
    with np.errstate(invalid="ignore"):
        p = 2 * norm.sf(abs(kenS - sign(kenS)) / np.sqrt(varS))
    return kenS, tau, varS, p

def cenken(y, ycen, x):
    y = np.asarray(y, float); ycen = np.asarray(ycen, bool); x = np.asarray(x, float)
    xcen = np.zeros(len(x), bool)
    y = y - (y.min() / 1000) * ycen
    lo, hi = ktau_b(x, xcen, y, ycen)
    bs = iter_s(lo, hi, x, xcen, y, ycen, 1e-7, 1000)
    ubs = iter_s(bs[0][1], bs[0][2], x, xcen, y, ycen, 1e-7, 1000)
    lbs = iter_s(bs[0][0], bs[0][1], x, xcen, y, ycen, 1e-7, 1000)
    slope = 0.5 * (ubs[0][1] + lbs[0][1])
    intercept = turnbull(y, ycen, x, slope)
    S, tau, varS, p = ktau_p(x, xcen, y, ycen)
    return dict(slope=slope, intercept=intercept, tau=tau, p=p, s=S, var_s=varS)
