package dnscheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// Client queries DNS servers with EDNS0, falls back to TCP when a UDP
// answer is truncated (miekg/dns does not), retries once, and never waits
// longer than its per-query timeout.
type Client struct {
	Timeout time.Duration // per attempt
	Retries int           // extra attempts after the first (default 1)
	UDPSize uint16
}

// ErrBadID is returned for a server whose answers carry the wrong message
// ID: broken, or a spoofing attempt.
var ErrBadID = errors.New("answer with a wrong message ID (broken server or spoofed reply)")

// ErrBadQuestion is returned for a server whose answers do not echo the
// question asked (or are not responses at all): a broken middlebox or a
// spoofed reply, never data to judge.
var ErrBadQuestion = errors.New("answer to a different question than the one asked (broken server or spoofed reply)")

func (c *Client) defaults() {
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Second
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.UDPSize == 0 {
		c.UDPSize = 4096
	}
}

// Answer is a raw exchange result.
type Answer struct {
	Msg *dns.Msg
	TCP bool
}

// Exchange sends one question to server (host:port). rd asks for
// recursion (bootstrap resolvers); authoritative servers are asked without.
func (c *Client) Exchange(ctx context.Context, server, name string, qtype uint16, rd bool) (Answer, error) {
	c.defaults()
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.RecursionDesired = rd
	m.SetEdns0(c.UDPSize, false)
	var lastErr error
	for attempt := 0; attempt <= c.Retries; attempt++ {
		if ctx.Err() != nil {
			break
		}
		a, err := c.once(ctx, server, m)
		if err == nil {
			return a, nil
		}
		lastErr = err
	}
	if ctx.Err() != nil && lastErr == nil {
		lastErr = ctx.Err()
	}
	return Answer{}, explain(lastErr, c.Timeout)
}

func (c *Client) once(ctx context.Context, server string, m *dns.Msg) (Answer, error) {
	qctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	m.Id = dns.Id()
	r, err := c.udp(qctx, server, m)
	if err != nil {
		return Answer{}, err
	}
	if !r.Truncated {
		return Answer{Msg: r}, nil
	}
	tcp := &dns.Client{Net: "tcp", Timeout: c.Timeout}
	r, _, err = tcp.ExchangeContext(qctx, m, server)
	if err != nil {
		return Answer{}, fmt.Errorf("UDP answer truncated, TCP retry failed: %w", explain(err, c.Timeout))
	}
	if !answers(r, m) {
		return Answer{}, fmt.Errorf("UDP answer truncated, TCP retry: %w", ErrBadQuestion)
	}
	return Answer{Msg: r, TCP: true}, nil
}

// udp is miekg/dns's UDP exchange, except that it remembers replies it
// dropped for a wrong message ID, so a server that only sends those is
// reported as such instead of as silent.
func (c *Client) udp(ctx context.Context, server string, m *dns.Msg) (*dns.Msg, error) {
	cl := &dns.Client{Net: "udp", Timeout: c.Timeout, UDPSize: c.UDPSize}
	co, err := cl.DialContext(ctx, server)
	if err != nil {
		return nil, err
	}
	defer co.Close()
	if d, ok := ctx.Deadline(); ok {
		co.SetDeadline(d)
	}
	co.UDPSize = c.UDPSize
	if err := co.WriteMsg(m); err != nil {
		return nil, err
	}
	// Replies that are not the answer are dropped and the wait goes on, as
	// a resolver does against spoofing; if nothing else comes, say why.
	var dropped error
	for {
		r, err := co.ReadMsg()
		if err != nil {
			if dropped != nil {
				return nil, dropped
			}
			return nil, err
		}
		switch {
		case r.Id != m.Id:
			dropped = ErrBadID
		case !answers(r, m):
			dropped = ErrBadQuestion
		default:
			return r, nil
		}
	}
}

// answers tells whether r is a response that echoes q's question.
func answers(r, q *dns.Msg) bool {
	if !r.Response || len(r.Question) != 1 || len(q.Question) != 1 {
		return false
	}
	a, b := r.Question[0], q.Question[0]
	return a.Qtype == b.Qtype && a.Qclass == b.Qclass && strings.EqualFold(a.Name, b.Name)
}

func explain(err error, timeout time.Duration) error {
	var ne net.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, dns.ErrId):
		return ErrBadID
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("no answer within %s", timeout)
	}
	return err
}
